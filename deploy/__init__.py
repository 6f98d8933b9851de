"""How the institute runs the site: nginx, gunicorn, Redis and PostgreSQL (``make serve``)."""
