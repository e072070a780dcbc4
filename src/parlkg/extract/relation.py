"""Typed relations between the mentions of one sentence, by patterns.

Each sentence is rewritten with its mentions replaced by placeholders
("⟨3⟩ est hébergé par l'entreprise américaine ⟨7⟩"), and patterns written for
French in general (verb forms, optional determiners, adverbs and auxiliaries,
active and passive voices, enumerations) are matched on that rewriting:

- hostedBy   (platform or body -> provider hosting its data)
- operatedBy (system, offer or certification -> who runs or delivers it)
- developedBy (system -> who built it)
- partnerOf  (company <-> company)
- subjectTo  (company -> law)
- hostedIn   (platform or body -> place where its data lives)

A subject that is a relative pronoun ("qui"), a pronoun ("il", "celle-ci") or
a demonstrative phrase ("ladite certification") is resolved only to the
nearest mention of a compatible kind in the same or the previous sentence
(for a demonstrative phrase, one introduced with the same noun); when none
fits, the pattern yields nothing: precision comes first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from parlkg.extract.common import ORG_KINDS, folded
from parlkg.model import EntityKind, Mention, Relation
from parlkg.text import sentence_spans

EXTRACTOR = "relation-pattern"

_OPEN, _CLOSE = "⟨", "⟩"
_E_BARE = r"(?:«\s?)?⟨\d+⟩(?:\s?»)?"


def _cap(name: str) -> str:
    return rf"(?:«\s?)?⟨(?P<{name}>\d+)⟩(?:\s?»)?"


_ITEM = (
    r"(?:(?:la|le|les|l')\s?(?:plateforme|logiciel|système|service|application|société|entreprise"
    r"|groupe|projet|programme|site|portail)\s)?" + _E_BARE
)


def _list(name: str) -> str:
    return (
        rf"(?P<{name}>{_E_BARE}(?:\s?,\s?{_ITEM})*"
        rf"(?:\s?,?\s(?:et|ou|ainsi qu'|ainsi que)\s?(?:à\s|aux?\s)?{_ITEM})?)"
    )


_MACROS: dict[str, str] = {
    "%X%": _cap("x"),
    "%Y%": _cap("y"),
    "%XS%": _list("xs"),
    "%YS%": _list("ys"),
    "%E%": _E_BARE,
    "%ADV%": (
        r"(?:,?\s?(?:aussi|également|désormais|actuellement|toujours|déjà|notamment|même|encore|"
        r"ainsi|donc|de plus|en outre|en partie|principalement|entièrement|exclusivement|"
        r"directement|simplement|bien|pourtant|lui aussi|elle aussi|eux aussi|elles aussi|"
        r"lui-même|elle-même|eux-mêmes|elles-mêmes|elle|lui|eux|pour sa part|pour leur part|"
        r"depuis \d{4}|en \d{4}|aujourd'hui|à ce jour|pour l'instant|à la fois|en effet|"
        r"par ailleurs|de surcroît|en tant qu'entreprise [a-zéèêàâîôûç-]+)\s?,?)*\s?"
    ),
    "%AUX%": (
        r"(?:(?:est|sont|sera|seront|serait|seraient|était|étaient|a été|ont été|avait été|"
        r"avaient été|aurait été|auraient été|va être|vont être|pourrait être|pourraient être|"
        r"peut être|peuvent être|doit être|doivent être|devrait être|devraient être|reste|"
        r"restent|demeure|demeurent|soit|soient)\s)?"
    ),
    "%MODAL%": (
        r"(?:(?:a|ont|avait|avaient|aurait|auraient|va|vont|doit|doivent|peut|peuvent|pourrait|"
        r"pourraient|devrait|devraient|souhaite|souhaitent|entend|entendent|envisage de|"
        r"envisagent de|continue de|continue à|continuent de|continuent à|"
        r"(?:a|ont|avait|avaient) (?:fait le choix|choisi|décidé|accepté|préféré) (?:de |d')|"
        r"fait le choix (?:de |d'))\s?)*"
    ),
    "%NP%": (
        r"(?:(?:la|le|les|l'|une?|des|sa|son|ses|leur|leurs)\s?(?:société|entreprise|groupe|firme|"
        r"géant|prestataire|hébergeur|fournisseur|opérateur|start-up|multinationale|acteur|"
        r"éditeur|constructeur)(?:\s(?!par\b|de\b|du\b|des\b|d')[a-zéèêàâîôûç-]+){0,2}?\s)?"
        r"(?:(?:la|le|les|l')\s?)?"
    ),
    "%DE%": r"(?:du|de la|de l'|des|de|d')\s?",
    "%PRO%": (
        r"(?P<pro>\b(?:qui|il|elle|celui-ci|celle-ci|ce dernier|cette dernière)\b|"
        r"\b(?:ladite|ledit|cette|ce|cet)\s(?P<noun>[a-zéèêàâîôûç-]+))"
    ),
    "%W%": r"[a-zéèêàâîôûçœ'-]+",
    # an incise between a subject and its verb: ", développée par X,", ", qui ...,",
    # ", entreprise américaine soumise au Cloud Act,"
    "%INCISE%": (
        r"(?:\s?,\s(?:qui\s|que\s|dont\s|en tant qu'|(?:(?:une?|l'|le|la)\s?)?(?:entreprise"
        r"|société|"
        r"groupe|filiale|leader|géant|start-up|éditeur|hébergeur|fournisseur|prestataire"
        r"|opérateur)\s|"
        r"[a-zéèêàâîôûç-]+(?:é|ée|és|ées|u|ue|us|ues|i|ie|is|ies|it|ite|its|ites)\s(?:par|pour"
        r"|avec|"
        r"en|dans|sur|chez|à|au|aux|de|d')\b)[^,;.]{0,100}?,)?"
    ),
}

_HOSTED = (
    r"(?:hébergée?s?|stockée?s?|conservée?s?|sauvegardée?s?)(?:\set\s(?:hébergée?s?|stockée?s?))?"
)
_PLACE_VERB = (
    r"(?:hébergée?s?|stockée?s?|localisée?s?|situé(?:e|s|es)?|implanté(?:e|s|es)?|installé(?:e|s"
    r"|es)?"
    r"|basé(?:e|s|es)?)"
)
_OPERATED = (
    r"(?:gérée?s?|exploitée?s?|opérée?s?|administrée?s?|pilotée?s?|délivrée?s?|attribuée?s?|"
    r"commercialisée?s?|maintenue?s?|fournie?s?|proposée?s?|détenue?s?|possédée?s?|dirigée?s?|"
    r"portée?s?)"
)
_DEVELOPED = (
    r"(?:développée?s?|conçue?s?|créée?s?|réalisée?s?|fabriquée?s?|éditée?s?|programmée?s?|"
    r"mise?s? au point)"
)
_USE = (
    r"(?:utilise|utilisent|utilisera|utiliseront|utilisait|utilisaient|a utilisé|ont utilisé|"
    r"emploie|emploient|recourt à|recourent à|s'appuie sur|s'appuient sur|s'appuiera sur|"
    r"s'appuyer sur|utiliser|recourir à)"
)
_STORE = r"(?:pour|afin d[e'])\s(?:le |la |l')?(?:stock\w*|héberg\w*|conserv\w*|sauvegard\w*)"
_SYSTEM_NOUNS = (
    r"(?:systèmes?|plateformes?|outils?|logiciels?|projets?|programmes?|services?|applications?"
    r"|fichiers?)"
)

_SUBJ: dict[str, frozenset[EntityKind]] = {
    "hostedBy": frozenset({EntityKind.PROJECT, *ORG_KINDS} - {EntityKind.GROUP}),
    "operatedBy": frozenset({EntityKind.PROJECT, *ORG_KINDS} - {EntityKind.GROUP}),
    "developedBy": frozenset({EntityKind.PROJECT, EntityKind.ORGANIZATION}),
    "partnerOf": frozenset({EntityKind.COMPANY, EntityKind.ORGANIZATION, EntityKind.PUBLIC_BODY}),
    "subjectTo": frozenset({EntityKind.COMPANY, EntityKind.ORGANIZATION}),
    "hostedIn": frozenset({EntityKind.PROJECT, *ORG_KINDS} - {EntityKind.GROUP}),
}
_OBJ: dict[str, frozenset[EntityKind]] = {
    "hostedBy": frozenset({EntityKind.COMPANY, EntityKind.PROJECT, EntityKind.ORGANIZATION}),
    "operatedBy": frozenset(
        {EntityKind.COMPANY, EntityKind.PUBLIC_BODY, EntityKind.ORGANIZATION, EntityKind.MINISTRY}
    ),
    "developedBy": frozenset({EntityKind.COMPANY, EntityKind.ORGANIZATION, EntityKind.PUBLIC_BODY}),
    "partnerOf": frozenset({EntityKind.COMPANY, EntityKind.ORGANIZATION, EntityKind.PUBLIC_BODY}),
    "subjectTo": frozenset({EntityKind.LAW}),
    "hostedIn": frozenset({EntityKind.PLACE}),
}


@dataclass(frozen=True)
class Rule:
    """One pattern: a regex over the rewritten sentence and how to read its groups.

    Subject groups: x (one mention), xs (an enumeration), pro (an anaphor to
    resolve). Object groups: y, ys, or laws (for subjectTo: the laws named at
    the start of the clause after "soumis à"). `trigger` (on the plain lower-case
    sentence, after the cheaper `keys`) decides whether the regex is tried.
    `resolve` chooses how an anaphor is resolved: "near" (nearest compatible
    mention) or "system" (nearest mention introduced as a system or platform).
    """

    name: str
    predicate: str
    regex: re.Pattern[str]
    trigger: re.Pattern[str]
    resolve: str = "near"
    keys: tuple[str, ...] = ()  # words one of which the sentence must hold (a fast pre-test)
    words: tuple[str, ...] | None = None  # the trigger's words, when it is made of plain words

    def triggered(self, low: str) -> bool:
        """Whether `trigger` matches `low` (substring tests when it is plain words)."""
        if self.words is None:
            return self.trigger.search(low) is not None
        return any(map(low.__contains__, self.words))


# triggers made of plain words ("offre|solution|..."): a text matches iff it holds one
_WORDS_ONLY = re.compile(r"[^\\.^$*+?{}\[\]()]+")


def _rule(name: str, predicate: str, pattern: str, trigger: str, resolve: str = "near") -> Rule:
    for key, value in _MACROS.items():
        pattern = pattern.replace(key, value)
    return Rule(
        name,
        predicate,
        re.compile(pattern, re.IGNORECASE),
        re.compile(trigger),
        resolve,
        _KEYS.get(name, ()),
        tuple(trigger.split("|")) if _WORDS_ONLY.fullmatch(trigger) else None,
    )


_HOST = ("héberg", "stock", "conserv", "sauvegard")
_KEYS: dict[str, tuple[str, ...]] = {
    "hosted-passive": _HOST,
    "host-active": ("héberg", "stock"),
    "calls-on": ("appel", "recour"),
    "uses-to-store": _HOST,
    "uses-technologies": ("technolog", "solution", "serveur", "infrastructure", "cloud"),
    "stores-data-of": _HOST,
    "stores-also-those-of": ("celles",),
    "choice-of-for": ("choix",),
    "chose-as-host": ("héberge", "cloud"),
    "chose-to-host": _HOST,
    "entrust-to": ("confi",),
    "entrust-hosting-to": ("confi",),
    "entrust-hosting-of-to": ("confi",),
    "entrust-to-hosting-of": ("confi",),
    "hosting-entrusted": ("confi", "attribu"),
    "migrates-to": ("migr", "transf", "bascul", "déplac"),
    "relies-on-offer": ("appu", "repos"),
    "operated-passive": (" par ",),
    "developed-passive": (" par ",),
    "solution-developed-by": (" par ",),
    "runs-from-premises-of": ("locaux", "serveurs", "infrastructures", "données", "center"),
    "subject-to": ("soumis", "assujetti"),
    "applies-to": ("appliqu",),
    "hosted-in": ("héberg", "stock", "localis", "situ", "implant", "install", "basé"),
    "servers-in-by": ("situ", "localis", "basé", "héberg", "stock", "implant", "install"),
    "allied-with": ("alli", "associ"),
    "in-partnership-with": ("partenariat",),
    "partnership-between": ("partenariat", "alliance", "entreprise", "joint", "filiale"),
    "created-joint-venture": ("entreprise", "joint", "filiale", "alliance", "partenariat"),
    "develops": ("dévelop", "conç", "édit", "créé", "point"),
}

_SUBJECT_HEAD = r"(?:%X%|%PRO%)(?:\s?\([^)⟨]*\))?%INCISE%\s?,?\s?(?:qui\s)?%ADV%"

RULES: list[Rule] = [
    # hostedBy ------------------------------------------------------------
    _rule(
        "hosted-passive",
        "hostedBy",
        _SUBJECT_HEAD + rf"%AUX%%ADV%{_HOSTED}%ADV%"
        r"(?:par|chez|sur les serveurs d[e']\s?|dans le cloud d[e']\s?)\s?%NP%%Y%",
        r"(?:héberg|stock|conserv|sauvegard)\w*\s(?:[\w'-]+\s){0,3}?(?:par|chez|sur|dans)\b",
    ),
    _rule(
        "host-active",
        "hostedBy",
        r"%Y%%INCISE%\s?,?\s?(?:qui\s)?%ADV%%MODAL%(?:héberge|hébergent|hébergeait|hébergeaient"
        r"|hébergera|"
        r"hébergeront|a hébergé|ont hébergé|stocke|stockent|stockera)\s%ADV%"
        r"(?:(?:les\s)?(?:données|serveurs|applications|sites?|services)\s%DE%)?"
        r"(?:(?:la|le|les|l')\s?(?:plateforme|logiciel|système|service|application)\s)?%XS%",
        r"\b(?:héberg|stock)(?:e|ent|eait|eaient|era|eront|é)\b",
    ),
    _rule(
        "calls-on",
        "hostedBy",
        _SUBJECT_HEAD + r"%MODAL%(?:fait|font|a fait|ont fait|avait fait|fera|feront|faisait|faire|"
        r"recourt|recourent|a recours|ont recours|a eu recours|ont eu recours|avait recours)"
        r"(?:\sappel)?%ADV%(?:à|aux services d[e']|aux prestations d[e']|au cloud d[e'])\s?%NP%%Y%",
        r"\bappel\b|\brecour",
    ),
    _rule(
        "uses-to-store",
        "hostedBy",
        _SUBJECT_HEAD
        + rf"%MODAL%{_USE}\s%ADV%(?:(?:la|le|les|l'|une?|des|son|sa|ses)\s?(?:offre|solution|"
        r"services?|cloud|infrastructures?|serveurs?|plateforme"
        r"|hébergement)(?:\scloud)?(?:\s%DE%)?\s?)?"
        rf"%Y%(?:\s(?:de\s|d')%E%)?[^⟨.;]{{0,40}}?{_STORE}",
        r"(?:pour|afin d[e'])\s(?:le |la |l')?(?:stock|héberg|conserv|sauvegard)",
    ),
    _rule(
        "uses-technologies",
        "hostedBy",
        _SUBJECT_HEAD + rf"%MODAL%{_USE}\s%ADV%(?:les\s)?(?:technologies|solutions|serveurs|"
        r"infrastructures|services cloud|offres cloud|solutions cloud)\s(?:de\s|d')%NP%%Y%",
        r"(?:utilis|emplo|recour|appu)\w*\s(?:[\w'-]+\s){0,3}?(?:les\s)?(?:technologies|solutions"
        r"|serveurs|infrastructures|services cloud|offres cloud)\s",
    ),
    _rule(
        "stores-data-of",
        "hostedBy",
        rf"%Y%\s{_STORE}\s(?:les\s)?(?:données|serveurs|informations)(?:\s%W%){{0,2}}?\s%DE%%X%",
        r"(?:pour|afin d[e'])\s(?:stock|héberg|conserv)",
    ),
    _rule(
        "stores-also-those-of",
        "hostedBy",
        rf"%Y%\s{_STORE}\s[^⟨.;]{{0,100}}?\s(?:ou|et)\s(?:pour\s)?celles\s%DE%(?:%W%\s){{0,3}}?%X%",
        "celles",
    ),
    _rule(
        "choice-of-for",
        "hostedBy",
        r"\bchoix\s(?:de\s|d')%NP%%Y%\s(?:pour|comme hébergeur\s%DE%)\s?(?:le |la |l'|les )?"
        r"(?:%W%\s){0,2}?%X%",
        "choix",
    ),
    _rule(
        "chose-as-host",
        "hostedBy",
        _SUBJECT_HEAD
        + r"%MODAL%(?:a\s|ont\s|avait\s|aurait\s)?%ADV%(?:choisi|retenu|sélectionné|désigné|"
        r"opté pour|choisit|choisissent|retient)\s%NP%%Y%\s?,?\s?(?:comme|en tant qu'|pour "
        r"(?:être )?"
        r"(?:son|leur))\s?(?:nouvel\s|unique\s|seul\s)?(?:hébergeur|prestataire d'hébergement|"
        r"fournisseur (?:de )?cloud|prestataire cloud)",
        r"(?:choisi|retenu|sélectionné|désigné|opté|choisit"
        r"|retient)\w*\s(?:[^.;]{0,60}?)(?:hébergeur|hébergement|cloud)",
    ),
    _rule(
        "chose-to-host",
        "hostedBy",
        r"(?:choisi\w*|retenu\w*|sélectionné\w*|retient|retenir)\s%NP%%Y%\s(?:pour|afin d[e'])\s?"
        r"(?:héberger|stocker|conserver)\s(?:les\s)?(?:données\s|serveurs\s)?%DE%%X%",
        "héberg|stock|conserv",
    ),
    _rule(
        "entrust-to",
        "hostedBy",
        r"%X%\s?,?\s?(?:qui\s)?%ADV%(?:%MODAL%|de\s|d')?\s?confi(?:er|e|é|ée|és|ées|ent|ait|era"
        r"|eront|ant)"
        r"\s(?:à|a)\s%NP%%Y%\s(?:l'hébergement|le stockage|la conservation)",
        "confi",
    ),
    _rule(
        "entrust-hosting-to",
        "hostedBy",
        r"%X%\s?,?\s?(?:qui\s)?%ADV%%MODAL%(?:a\s|ont\s)?confi(?:er|e|é|ée|ent|ait|era)\s"
        r"(?:l'|cet\s|son\s|leur\s|le\s|ce\s|la\s|cette\s)"
        r"(?:hébergement|stockage|conservation)(?:\s(?:de\s(?:ses|leurs)\s"
        r"|des\s)(?:données|serveurs))?"
        r"[^⟨.;]{0,40}?\s(?:à|a)\s%NP%%Y%",
        "confi",
    ),
    _rule(
        "migrates-to",
        "hostedBy",
        _SUBJECT_HEAD + r"%MODAL%(?:migre|migrent|migrera|migreront|migrait|migraient|a migré|"
        r"ont migré|migrer|transfère|transfèrent|transférera|a transféré|ont transféré|transférer"
        r"|bascule|basculent|a basculé|ont basculé|basculer|déplace|a déplacé|déplacer)\s%ADV%"
        r"(?:(?:ses|leurs|les|son|sa|ces)\s(?:%W%\s){0,3}?)?(?:vers|sur|chez|dans le cloud d[e'])"
        r"\s?%NP%%Y%",
        r"\b(?:migr|transf[éè]r|bascul|déplac)",
    ),
    _rule(
        "entrust-hosting-of-to",
        "hostedBy",
        r"confi\w*\s(?:l'hébergement|le stockage)\s(?:des\s)?(?:données\s)?%DE%(?:%W%\s){0,2}?%X%"
        r"\s(?:à|a)\s%NP%%Y%",
        "confi",
    ),
    _rule(
        "entrust-to-hosting-of",
        "hostedBy",
        r"confi\w*\s(?:à|a)\s%NP%%Y%\s(?:l'hébergement|le stockage)\s(?:des\s)?(?:données\s)?%DE%"
        r"(?:%W%\s){0,2}?%X%",
        "confi",
    ),
    _rule(
        "hosting-entrusted",
        "hostedBy",
        r"(?:hébergement|stockage)\s(?:des\s)?(?:données\s)?%DE%(?:%W%\s){0,2}?%X%\s%ADV%%AUX%%ADV%"
        r"(?:confiée?|attribuée?)\s(?:à|a)\s%NP%%Y%",
        "confi|attribu",
    ),
    _rule(
        "relies-on-offer",
        "hostedBy",
        _SUBJECT_HEAD
        + r"%MODAL%(?:s'appuie|s'appuient|s'appuiera|s'appuyer|repose|reposent|reposera)"
        r"\ssur\s(?:la|le|les|l'|une?|des)\s?(?:solution|offre|infrastructure|cloud|services?"
        r"|plateforme|"
        r"serveurs)(?:\s%W%){0,2}?\s(?:(?:proposée?s?|fournie?s?|opérée?s?|développée?s?)\spar\s"
        r"|de\s|d')"
        r"%NP%%Y%",
        r"s'appu|\brepos",
    ),
    # operatedBy ----------------------------------------------------------
    _rule(
        "operated-passive",
        "operatedBy",
        _SUBJECT_HEAD + rf"%AUX%%ADV%{_OPERATED}%ADV%par\s%NP%%Y%",
        r"(?:géré|exploité|opéré|administré|piloté|délivré|attribué|commercialisé|maintenu|fourni"
        r"|proposé"
        r"|détenu|possédé|dirigé|porté)e?s?\s(?:[\w'-]+\s){0,2}?par\b",
    ),
    _rule(
        "offer-of",
        "operatedBy",
        r"\b(?:offre|solution|plateforme|service|logiciel|suite|produit|messagerie|outil|cloud)s?"
        r"\s(?:cloud\s)?%X%\s(?:de\s|d')%YS%",
        "offre|solution|plateforme|service|logiciel|suite|produit|messagerie|outil|cloud",
    ),
    _rule(
        "and-its-platform",
        "operatedBy",
        r"%Y%\s(?:et|avec)\s(?:à\s)?(?:sa|son|ses|leur|leurs)\s(?:plateforme|offre|solution"
        r"|service|"
        r"logiciel|cloud|messagerie|suite)(?:\s%W%)?\s%X%",
        "sa |son |ses |leur",
    ),
    _rule(
        "one-of-the-systems-of",
        "operatedBy",
        r"(?:l'une?|une?|l'autre)\s(?:des|de ses|de "
        rf"leurs)\s{_SYSTEM_NOUNS}(?:\s%W%){{0,2}}?\s%DE%%Y%"
        r"\s?,?\s?(?:le|la|l'|les)?\s?(?:(?:système|plateforme|logiciel|outil|fichier|application"
        r"|programme|projet|service)\s)?%X%",
        "l'un|l'une|un des|une des|l'autre",
    ),
    _rule(
        "x-one-of-the-systems-of",
        "operatedBy",
        rf"%X%\s?,\s(?:(?:l'une?|une?)\s(?:des|de ses)\s{_SYSTEM_NOUNS}|(?:le|la)\s(?:système"
        r"|plateforme|"
        rf"logiciel|outil|fichier|application))(?:\s%W%){{0,2}}?\s%DE%%Y%",
        "l'un|l'une|un des|une des|système|plateforme|logiciel|outil|fichier|application",
    ),
    _rule(
        "runs-from-premises-of",
        "operatedBy",
        r"%X%[^⟨.;]{0,140}?\b(?:tourne|tournent|fonctionne|fonctionnent|opère|opèrent|est "
        r"exploitée?|"
        r"sont exploitée?s|est installée?|sont installée?s)\s(?:depuis|dans"
        r"|sur)\s(?:les\s)?(?:locaux|"
        r"serveurs|infrastructures|centres de données|data ?centers?|datacenters?)\s(?:de\s"
        r"|d')%NP%%Y%",
        "locaux|serveurs|infrastructures|données|center",
    ),
    # developedBy ---------------------------------------------------------
    _rule(
        "developed-passive",
        "developedBy",
        _SUBJECT_HEAD + rf"%AUX%%ADV%{_DEVELOPED}%ADV%par\s%NP%%Y%",
        r"(?:développé|conçu|créé|réalisé|fabriqué|édité|programmé|mise? au "
        r"point)e?s?\s(?:[\w'-]+\s){0,2}?par\b",
    ),
    _rule(
        "solution-developed-by",
        "developedBy",
        r"(?P<pro>\b(?:la|le|l'|cette|ce|une?)\s?(?:solution|logiciel|système|outil|application"
        r"|plateforme|"
        rf"programme|technologie)(?:\sinformatique)?)\s{_DEVELOPED}\spar\s%NP%%Y%",
        "développ|conçu|créé|réalis|fabriqu|édité|programm|mis au point|mise au point",
        resolve="system",
    ),
    _rule(
        "develops",
        "developedBy",
        r"%Y%%INCISE%\s?,?\s?(?:qui\s)?%ADV%%MODAL%(?:a développé|ont développé|développe"
        r"|développent|a conçu|"
        r"ont conçu|conçoit|conçoivent|édite|éditent|a créé|ont créé|a mis au point|ont mis au "
        r"point)\s"
        r"(?:(?:la|le|les|l')\s?(?:logiciel|plateforme|outil|système|application|solution"
        r"|programme)\s)?%XS%",
        "dévelop|conç|édit|créé|point",
    ),
    # partnerOf -----------------------------------------------------------
    _rule(
        "allied-with",
        "partnerOf",
        r"%XS%%INCISE%\s?,?\s?%ADV%%MODAL%(?:s'est|se sont|s'était|s'étaient|s'allie|s'allient"
        r"|s'allier|s'associe|"
        r"s'associent|s'associer|va s'allier|vont s'allier)\s?(?:alliée?s?|associée?s?)?\s(?:avec"
        r"|à)\s%NP%%YS%",
        r"s'(?:est\s|était\s)?(?:alli|associ)|se sont (?:alli|associ)|s'étaient",
    ),
    _rule(
        "in-partnership-with",
        "partnerOf",
        r"%X%[^⟨.;]{0,30}?\ben partenariat\s(?:stratégique\s)?avec\s%NP%%YS%",
        "partenariat",
    ),
    _rule(
        "partnership-between",
        "partnerOf",
        r"\b(?:partenariat|alliance|coentreprise|co-entreprise|joint-venture|joint venture"
        r"|filiale commune)"
        r"(?:\s%W%){0,2}?\s(?:entre|de|formée par|créée par|détenue par|associant)\s%NP%%X%\s(?:et"
        r"|avec)\s%NP%%Y%",
        "partenariat|alliance|entreprise|joint|filiale",
    ),
    _rule(
        "created-joint-venture",
        "partnerOf",
        r"%X%\set\s%Y%\s%ADV%%MODAL%(?:ont créé|ont formé|ont fondé|créent|forment|lancent|ont "
        r"lancé|"
        r"ont noué|nouent|ont conclu|concluent|ont signé|signent)\s(?:une|un|la|le"
        r"|leur)\s(?:coentreprise|"
        r"co-entreprise|joint-venture|filiale commune|alliance|partenariat)",
        "entreprise|joint|filiale|alliance|partenariat",
    ),
    # subjectTo -----------------------------------------------------------
    _rule(
        "subject-to",
        "subjectTo",
        r"(?:%XS%|%PRO%)%INCISE%\s?,?\s?(?:(?:qui\s(?:est|sont)|en tant qu'|comme|étant)\s?)?"
        r"(?:(?:une?|l'|les|des)\s?)?(?:(?:entreprises?|sociétés?|groupes?|firmes?|prestataires?|"
        r"fournisseurs?|hébergeurs?|géants?"
        r"|acteurs?)(?:\s(?!soumis)%W%){0,2}\s?,?\s?)?%ADV%%AUX%%ADV%"
        r"(?:soumise?s?|assujettie?s?)\s(?P<laws>[^.;]{0,160})",
        r"\b(?:soumis|assujetti)",
    ),
    _rule(
        "applies-to",
        "subjectTo",
        r"%Y%\s?,?\s?(?:qui\s)?%ADV%s'appliqu(?:e|ent|era|eraient|erait)\s(?:à|aux?)\s%NP%%XS%",
        "appliqu",
    ),
    # hostedIn ------------------------------------------------------------
    _rule(
        "servers-in-by",
        "hostedIn",
        r"(?:serveurs|données|centres de données|data ?centers?|datacenters?"
        rf"|infrastructures?)\s{_PLACE_VERB}"
        r"\s(?:en|aux|au|à|dans)\s(?:les?\s|la\s)?%Y%\s(?:par|pour)\s(?:la|le|l')?\s?(?:plateforme|"
        r"service|société|entreprise|projet|programme|système)?\s?%X%",
        "serveur|données|center|infrastructure",
    ),
    _rule(
        "hosted-in",
        "hostedIn",
        _SUBJECT_HEAD + rf"%AUX%%ADV%{_PLACE_VERB}%ADV%(?:en|aux|au|à|dans)\s(?:les?\s|la\s)?%Y%",
        r"(?:hébergé|stocké|localisé|situé|implanté|installé|basé)e?s?\s(?:[\w'-]+\s){0,2}?(?:en"
        r"|aux|au|à|dans)\s",
    ),
]

_ALL_KEYS = frozenset(k for rule in RULES for k in rule.keys)


def _doc_keys(low: str) -> list[str]:
    """The keys a text whose lower case is `low` holds. A sentence's lower case is a
    piece of `low` (only "Σ" lower-cases after its context, and no key or plain
    trigger holds a sigma): the keys of its sentences are among these."""
    return [k for k in _ALL_KEYS if k in low]


_Plan = tuple[tuple[Rule, bool], ...]
_PLANS: dict[frozenset[str], _Plan] = {}


def _plan(present: frozenset[str]) -> _Plan:
    """The rules a sentence holding exactly the keys `present` may match, in order, each
    with whether its trigger is still to be tried (a trigger made of keys is decided)."""
    plan = _PLANS.get(present)
    if plan is None:
        out: list[tuple[Rule, bool]] = []
        for rule in RULES:
            if rule.keys and present.isdisjoint(rule.keys):
                continue
            if rule.words is not None and _ALL_KEYS.issuperset(rule.words):
                if not present.isdisjoint(rule.words):
                    out.append((rule, False))
            else:
                out.append((rule, True))
        if len(_PLANS) >= 4096:  # bounded, though sentences hold few key sets
            _PLANS.clear()
        plan = _PLANS[present] = tuple(out)
    return plan


@dataclass(slots=True)
class _Sentence:
    """A sentence rewritten with placeholders, and the way back to the text.

    The rewriting is made of pieces; piece i starts at `offsets[i]` in `text`
    and copies `origins[i]` (start, end) of the document: verbatim when the
    lengths agree, else (a collapsed space, a placeholder) as a whole.
    """

    start: int
    end: int
    text: str
    offsets: list[int]
    origins: list[tuple[int, int]]
    mentions: list[int]  # indices of the mentions kept in the rewriting, in order

    def _piece(self, pos: int) -> int:
        return bisect_right(self.offsets, pos) - 1

    def origin_start(self, pos: int) -> int:
        if pos >= len(self.text):
            return self.end
        i = self._piece(pos)
        a, b = self.origins[i]
        length = (
            self.offsets[i + 1] if i + 1 < len(self.offsets) else len(self.text)
        ) - self.offsets[i]
        return a + (pos - self.offsets[i]) if b - a == length else a

    def origin_end(self, pos: int) -> int:
        """The document offset just after the character at `pos`."""
        i = self._piece(pos)
        a, b = self.origins[i]
        length = (
            self.offsets[i + 1] if i + 1 < len(self.offsets) else len(self.text)
        ) - self.offsets[i]
        return a + (pos - self.offsets[i]) + 1 if b - a == length else b


# what the rewriting changes: runs of 2+ blanks, a blank other than a space, markdown
# emphasis (with the spaces after it but one), curly quotes; written to open on a
# character class, so that the regex engine skips to the candidates
_MESSY = re.compile(
    r"[ \t\n\r\f\v\u00a0*_’‘](?:(?<=[ \t\n\r\f\v\u00a0])[ \t\n\r\f\v\u00a0]+"
    r"|(?<=[\t\n\r\f\v\u00a0])|(?<=[*_])[*_]*(?:\s+(?=\s))?|(?<=[’‘]))"
)
_CLOSE_PAREN = re.compile(r"\s*\)")
_OPEN_PAREN = re.compile(r"[\s*]*\(\s*")


def _rewrite(text: str, start: int, end: int, mentions: list[Mention], ids: list[int]) -> _Sentence:
    out: list[str] = []
    offsets: list[int] = []
    origins: list[tuple[int, int]] = []
    length = 0

    def emit(piece: str, a: int, b: int) -> None:
        nonlocal length
        out.append(piece)
        offsets.append(length)
        origins.append((a, b))
        length += len(piece)

    def plain(a: int, b: int) -> None:
        pos = a
        for messy in _MESSY.finditer(text, a, b):
            if messy.start() > pos:
                emit(text[pos : messy.start()], pos, messy.start())
            piece = messy.group()
            if piece[0] in "’‘":
                emit("'", messy.start(), messy.end())
            elif piece[0].isspace() and not (out and out[-1].endswith(" ")):
                emit(" ", messy.start(), messy.end())
            pos = messy.end()
        if b > pos:
            piece = text[pos:b]
            if piece.startswith(" ") and out and out[-1].endswith(" "):
                pos += 1
            if b > pos:
                emit(text[pos:b], pos, b)

    pos = start
    kept: list[int] = []
    prev: Mention | None = None
    for i in ids:
        m = mentions[i]
        if (
            prev is not None
            and (close := _CLOSE_PAREN.match(text, m.end, end)) is not None
            and _OPEN_PAREN.fullmatch(text[pos : m.start])
            and (m.iri or folded(m.label)) == (prev.iri or folded(prev.label))
        ):
            pos = close.end()  # "Agence ... (ANSSI)": one entity, one placeholder
            continue
        plain(pos, m.start)
        emit(f"{_OPEN}{i}{_CLOSE}", m.start, m.end)
        kept.append(i)
        pos = m.end
        prev = m
    plain(pos, end)
    return _Sentence(start, end, "".join(out), offsets, origins, kept)


_PLACEHOLDER = re.compile(r"⟨(\d+)⟩")
_RELATIVE = re.compile(r"\b(?:qui|que|dont|lequel|laquelle)\b|;")
_OR = re.compile(r"\sou\s")
_AND_OR_NEXT = re.compile(r"\s+(?:et|ou)\s")


def _indices(group: str) -> list[int]:
    return [int(g) for g in _PLACEHOLDER.findall(group)]


def _laws_of_clause(clause: str, mentions: list[Mention]) -> list[int]:
    """The laws named at the start of `clause`, up to another kind of mention or a relative."""
    out: list[int] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(clause):
        gap = clause[pos : m.start()]
        if _RELATIVE.search(gap):
            break
        i = int(m.group(1))
        if mentions[i].kind != EntityKind.LAW:
            break
        out.append(i)
        pos = m.end()
    return out


_AUX_AFTER = re.compile(
    r"\s?»?\s?,\s(?:est|sont|sera|seront|serait|était|étaient|a|ont|avait|avaient|reste|restent"
    r"|demeure|demeurent)\b"
)
_APPOSITION_BEFORE = re.compile(
    r",\s?(?:(?:le|la|l'|les)\s?)?(?:(?:système|plateforme|logiciel|outil|projet|programme|service"
    r"|société|entreprise|groupe)\s)?(?:«\s?)?$"
)


def _closes_an_incise(rewritten: str, start: int, end: int) -> bool:
    """A subject followed by ", est ..." ends an incise ("X, filiale de Y, est ..."): Y is
    not the subject, unless it is itself an apposition ("L'un des systèmes, le X, est ...")."""
    if not _AUX_AFTER.match(rewritten, end):
        return False
    return not _APPOSITION_BEFORE.search(rewritten[:start])


def _same(a: Mention, b: Mention) -> bool:
    return (a.iri or folded(a.label)) == (b.iri or folded(b.label))


_SYSTEM_CONTEXT = re.compile(
    r"(?:syst[eè]mes?|plateformes?|logiciels?|outils?|applications?|programmes?|projets?"
    r"|dispositifs?)\b[^.]{0,60}$",
    re.IGNORECASE,
)


_GENDER = {"il": "m", "elle": "f", "celui": "m", "celle": "f"}
_DET_BEFORE = re.compile(r"(?:^|\s)(la|cette|le|du|au|ce|cet)\s*$", re.IGNORECASE)


def _gender_of(text: str, m: Mention) -> str | None:
    """ "f" or "m" from the determiner printed just before a mention, when there is one."""
    found = _DET_BEFORE.search(text[max(0, m.start - 8) : m.start])
    if found is None:
        return None
    return "f" if found.group(1).lower() in {"la", "cette"} else "m"


def _antecedent(
    text: str,
    mentions: list[Mention],
    sent: _Sentence,
    previous: list[int],
    position: int,
    kinds: frozenset[EntityKind],
    noun: str | None,
    mode: str,
    exclude: Mention,
) -> int | None:
    """The mention an anaphor at `position` (in the rewriting of `sent`) refers to."""
    before = sent.text[:position].rstrip(" ,")
    if before.endswith(_CLOSE) and noun is None and mode == "near":
        # a relative pronoun right after a mention refers to that mention only
        last = int(before[before.rindex(_OPEN) + 1 : -1])
        m = mentions[last]
        return last if m.kind in kinds and not _same(m, exclude) else None
    anchor = sent.origin_start(position)
    pronoun = folded(sent.text[position : position + 12]).split()[:1]
    here = [i for i in sent.mentions if mentions[i].end <= anchor]
    here.reverse()
    if noun is None and pronoun and pronoun[0] == "qui":
        before_list = here  # a relative clause does not reach back into another sentence
    elif noun is None and pronoun and pronoun[0] in {"il", "elle"} and not here:
        # "il"/"elle" opening a sentence: the subject of the previous one, when single
        first = previous[:1]
        if first and _AND_OR_NEXT.match(text, mentions[first[0]].end):
            return None
        before_list = first
    else:
        before_list = here + list(reversed(previous))
    gender = _GENDER.get(pronoun[0]) if pronoun and noun is None else None
    candidates = [
        i
        for i in before_list
        if mentions[i].kind in kinds
        and not _same(mentions[i], exclude)
        and (gender is None or _gender_of(text, mentions[i]) in {None, gender})
    ]
    if noun is not None:
        stem = folded(noun)[:6]
        for i in candidates:
            m = mentions[i]
            # the noun before the mention, or inside it ("la certification SecNumCloud")
            near = folded(text[max(0, m.start - 40) : m.start]).split()[-3:]
            near += folded(m.exact).split()[:2]
            if stem and any(w.startswith(stem) for w in near):
                return i
        return None
    if mode == "system":
        for i in candidates:
            if mentions[i].kind != EntityKind.PROJECT:
                continue
            left_start = max(0, mentions[i].start - 80)
            if _SYSTEM_CONTEXT.search(text[left_start : mentions[i].start]):
                return i
        projects = {mentions[i].iri or folded(mentions[i].label) for i in candidates}
        return candidates[0] if len(projects) == 1 else None
    return candidates[0] if candidates else None


def find(text: str, mentions: list[Mention]) -> list[Relation]:
    """Relations between `mentions` (sorted by start) stated in `text`."""
    if len(mentions) < 2:
        return []
    keys = _doc_keys(text.lower())
    spans = sentence_spans(text)
    out: list[Relation] = []
    seen: set[tuple[int, str, int]] = set()
    seen_facts: set[tuple[str, str, str]] = set()

    def add(subj: int, pred: str, obj: int, ev: tuple[int, int], rule: str) -> None:
        a, b = mentions[subj], mentions[obj]
        if a.kind not in _SUBJ[pred] or b.kind not in _OBJ[pred] or _same(a, b):
            return
        key = (subj, pred, obj)
        fact = (a.iri or folded(a.label), pred, b.iri or folded(b.label))
        if key in seen or fact in seen_facts:
            return
        seen.add(key)
        seen_facts.add(fact)
        out.append(
            Relation(
                subject=subj,
                predicate=pred,
                object=obj,
                evidence_start=ev[0],
                evidence_end=ev[1],
                rule=rule,
            )
        )

    mi = 0
    previous: list[int] = []
    for s, e in spans:
        while mi < len(mentions) and mentions[mi].start < s:
            mi += 1
        ids: list[int] = []
        j = mi
        while j < len(mentions) and mentions[j].end <= e:
            ids.append(j)
            j += 1
        if ids:
            low = text[s:e].lower()
            present = frozenset([k for k in keys if k in low])  # each key tested once
            rules = [rule for rule, test in _plan(present) if not test or rule.triggered(low)]
            if rules:
                sent = _rewrite(text, s, e, mentions, ids)
                for rule in rules:
                    for m in rule.regex.finditer(sent.text):
                        _apply(rule, m, sent, previous, text, mentions, add)
            previous = ids
        else:
            previous = []
    return out


def _apply(
    rule: Rule,
    m: re.Match[str],
    sent: _Sentence,
    previous: list[int],
    text: str,
    mentions: list[Mention],
    add: Callable[[int, str, int, tuple[int, int], str], None],
) -> None:
    groups = m.groupdict()
    pred = rule.predicate
    a, b = m.span()
    if groups.get("laws") is not None:
        laws = _laws_of_clause(groups["laws"], mentions)
        if not laws:
            return
        b = sent.text.index(f"{_OPEN}{laws[-1]}{_CLOSE}", m.start("laws")) + len(
            f"{_OPEN}{laws[-1]}{_CLOSE}"
        )
    evidence = (sent.origin_start(a), sent.origin_end(b - 1))
    objects: list[int] = []
    if groups.get("y") is not None:
        objects = [int(groups["y"])]
    elif groups.get("ys") is not None:
        ys = groups["ys"]
        if _OR.search(ys):
            return
        objects = _indices(ys)
    elif groups.get("laws") is not None:
        objects = _laws_of_clause(groups["laws"], mentions)
    for group in ("x", "xs"):
        if groups.get(group) is not None and _closes_an_incise(
            sent.text, m.start(group), m.end(group)
        ):
            return
    subjects: list[int] = []
    if groups.get("x") is not None:
        subjects = [int(groups["x"])]
    elif groups.get("xs") is not None:
        xs = groups["xs"]
        if _OR.search(xs):
            return
        subjects = _indices(xs)
    elif groups.get("pro") is not None and objects:
        noun = groups.get("noun")
        if noun is not None and folded(noun) in {"qui", "dernier", "derniere"}:
            noun = None
        found = _antecedent(
            text,
            mentions,
            sent,
            previous,
            m.start("pro"),
            _SUBJ[pred],
            noun,
            rule.resolve,
            mentions[objects[0]],
        )
        if found is None:
            return
        subjects = [found]
    if len(subjects) > 1 and len(objects) > 1:
        return  # "A et B ... avec C et D": who with whom is not said
    for s in subjects:
        for o in objects:
            add(s, pred, o, evidence, rule.name)
