"""English as the institute writes it, British: "15 Jul 2025", 15/07/2025.

The site's English is ``en`` (settings.LANGUAGES), whose formats in Django are
American ("July 15, 2025", 07/15/2025): the admin would show and read dates
the American way. These are Django's ``en_GB`` formats under ``en``
(settings.FORMAT_MODULE_PATH). Hungarian keeps Django's own ``hu`` formats.
"""

from django.conf.locale.en_GB.formats import *  # noqa: F403
