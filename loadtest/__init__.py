"""The load test: locust drives gunicorn and PostgreSQL on 127.0.0.1 (see loadtest/README.md)."""
