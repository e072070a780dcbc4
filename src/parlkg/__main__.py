from parlkg.entry import main

main()
