from parlkg.cli import main

main()
