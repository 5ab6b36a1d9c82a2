"""Says in one line what to install when this Python cannot run moinext (make site, make test).

Runs on any Python 3: it uses nothing newer than 3.0 and nothing outside the standard library.
"""

import importlib.util
import sys

NEEDED = (3, 11)


def main() -> int:
    found = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] < NEEDED:
        print(
            f"moinext needs Python {NEEDED[0]}.{NEEDED[1]} or newer and {sys.executable} is {found}: "
            "install python3.11 (or newer) and run make again with PYTHON=python3.11",
            file=sys.stderr,
        )
        return 1
    # Debian and Ubuntu ship venv's pip bootstrap in a package of its own.
    if importlib.util.find_spec("ensurepip") is None or importlib.util.find_spec("venv") is None:
        print(
            f"{sys.executable} ({found}) cannot make a virtual environment: "
            f"install python3-venv (apt-get install python3-venv) and run make again",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
