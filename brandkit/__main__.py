from brandkit.cli import run

run()
