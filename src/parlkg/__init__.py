"""parlkg: a knowledge graph of the actors, laws and questions of the French Parliament."""

__version__ = "0.3.0"
