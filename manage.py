#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiia.settings")
    # The command line is where developers work, so it runs with DEBUG on
    # unless told otherwise; a server (hiia.wsgi, hiia.asgi) is production
    # unless told otherwise. Production commands set DJANGO_DEBUG=0, as
    # `make serve` does.
    os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
