from orientation.entry import main

main()
