import ArgumentParser
import AutoExports

AutoExportsCommand.main()
