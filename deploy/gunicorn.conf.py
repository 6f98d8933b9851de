"""gunicorn's settings for the production stack (``make serve``, deploy/stack.py).

Read by ``gunicorn -c deploy/gunicorn.conf.py hiia.wsgi``; the command line
(``--bind``, ``--workers``) overrides any of them.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let a worker wait on PostgreSQL or Redis for one request while
# serving another; the page cache and sessions are shared through Redis.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker that stops answering is replaced; nginx in front holds slow clients.
timeout = 30
graceful_timeout = 10
keepalive = 5
max_requests = 5000
max_requests_jitter = 500

# One line a request on stdout, with its time in milliseconds (%(M)s): the
# reader's address as nginx passed it, the request, status, size, time.
accesslog = "-"
access_log_format = '%({x-real-ip}i)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Its one socket per user (~/.gunicorn) would be shared by every stack on the
# machine (make serve, the tests, the benchmarks); nothing here uses it.
control_socket_disable = True


def on_starting(server):
    """Run Django's system checks before any worker starts, as runserver does.

    gunicorn runs none itself. The checks see gunicorn's own worker count
    (``-w 4`` included), so several workers with a per-process cache are
    refused here (briefs.E001), as is DEBUG off before collectstatic. (The
    ``migrate`` a deployment runs has made every kept page stale already.)
    """
    os.environ["WEB_CONCURRENCY"] = str(server.cfg.workers)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiia.settings")

    import django
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    django.setup()
    try:
        call_command("check", fail_level="ERROR")
    except SystemCheckError as error:
        server.log.error("Refusing to start:\n%s", error)
        raise SystemExit(1) from error


def post_fork(server, worker):
    """A worker whose master is killed stops at once (Linux's parent-death
    signal), rather than serve on with the port until it next looks, which
    under load may be seconds: supervisord starts a new master meanwhile."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # not Linux: the worker notices by itself, a little later
    if os.getppid() != server.pid:  # the master died before prctl
        os.kill(os.getpid(), signal.SIGTERM)
