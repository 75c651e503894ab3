"""Settings shared by every mode. Everything that differs between machines comes from the
environment (see the configuration table in README.md)."""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "axes",
    "lti_tool",  # django-lti: LMS registrations, deployments, the tool's keys (issue 17)
    # Background tasks (the backport of Django 6's django.tasks) stored in the database and run
    # by `manage.py db_worker`: docs/decisions/0010-overdue-attempts.md.
    "django_tasks",
    "django_tasks_db",
    # The project's apps, lowest layer first (docs/decisions/0008-layers.md).
    "accounts",
    "audit",
    "lessons",
    "quizzes",
    "authoring",
    "exchange",
    "classroom",
    "learning",
    "studio",
    "privacy",
    "school",
    "lti",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files: precompressed, not here
    # Pages compressed for browsers that accept gzip, BREACH considered (core/compression.py).
    "core.compression.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Each request starts in TIME_ZONE; a class's page switches to its zone (classroom.timezones).
    "classroom.timezones.ClassTimeZoneResetMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything reads the form: a body in another charset, a NUL byte or a form that
    # cannot be parsed is a 400 with a message (config/form_input.py).
    "config.form_input.FormInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in user's saved language wins over the cookie and the browser's.
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out after SESSION_IDLE_MINUTES without a request (shared school computers).
    "accounts.middleware.SessionIdleTimeoutMiddleware",
    # Refuses logins from an address with too many recent failures (password spraying).
    "accounts.middleware.LoginThrottleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Turns a refused action (core.errors.DomainError) into a 4xx page, fragment or JSON.
    "config.errors.DomainErrorMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Our templates lose their indentation as they load (core/template_loaders.py);
            # the cached loader compiles each template once per process.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "core.template_loaders.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# The hottest statements prepared on PostgreSQL (core/sql.py); 0 behind a pooler that cannot
# keep them (PgBouncer in transaction mode before 1.21).
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while a student's answer is being written.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",  # one client per pool (core/cache.py)
            "LOCATION": REDIS_URL,
        }
    }
    # Django's cached_db, a login's session written once (accounts/sessions.py).
    SESSION_ENGINE = "accounts.sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    # The first hasher writes new hashes; the others only check old ones. Each name is listed
    # once: the last hasher of an algorithm is the one that checks its hashes.
    "accounts.hashers.SchoolArgon2PasswordHasher",
    "accounts.hashers.SchoolPBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.SchoolModelBackend",  # Django's, the user read cheaply per request
]

# Logging in from a school, where every pupil shares one public address (docs/security.md,
# "Logging in from a school"). Wrong passwords bring growing waits per username *and* address
# (accounts/lockout.py, on django-axes' records): AXES_FAILURE_LIMIT - 1 are free, the next
# waits LOGIN_FIRST_WAIT, each further one doubles it up to LOGIN_LONGEST_WAIT; failures are
# remembered LOGIN_FAILURE_MEMORY. Failures across usernames from one address are throttled
# past LOGIN_ADDRESS_FAILURE_RATE (accounts/throttle.py, django-ratelimit).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_FIRST_WAIT = timedelta(seconds=env.int("LOGIN_FIRST_WAIT_SECONDS", default=30))
LOGIN_LONGEST_WAIT = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
LOGIN_FAILURE_MEMORY = timedelta(minutes=env.int("LOGIN_FAILURE_MEMORY_MINUTES", default=60))
LOGIN_ADDRESS_FAILURE_RATE = env("LOGIN_ADDRESS_FAILURE_RATE", default="100/10m")
PASSWORD_RESET_RATE = env("PASSWORD_RESET_RATE", default="5/h")
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = "accounts.lockout.cool_off"
# Each record expires by its own date, since the cool-off differs between requests.
AXES_USE_ATTEMPT_EXPIRATION = True
# A try during a wait is refused unchecked and does not make the wait longer.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The wait page: how long, what else to do, with Retry-After.
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Reverse proxies in front of the app, each appending to X-Forwarded-For (0: the header is
# ignored). axes 8 read only REMOTE_ADDR here: django-ipware was not installed, and its header
# list defaults to REMOTE_ADDR alone, so AXES_IPWARE_PROXY_COUNT did nothing. One function now
# reads the address for axes and the throttle alike (accounts/network.py).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.network.client_address"
# A cache that fails must not stop a school logging in; the per-username waits still hold.
RATELIMIT_FAIL_OPEN = True

# Joining a class (docs/security.md, "Join codes"; learning/join_throttle.py): wrong codes
# counted per address and per browser session, accounts created through a code per address
# and per code; past a rate, the join page answers 429 until its window ends.
JOIN_CODE_FAILURE_RATE = env("JOIN_CODE_FAILURE_RATE", default="50/10m")
JOIN_CODE_FAILURE_SESSION_RATE = env("JOIN_CODE_FAILURE_SESSION_RATE", default="10/10m")
JOIN_SIGNUP_RATE = env("JOIN_SIGNUP_RATE", default="100/h")
JOIN_SIGNUP_CODE_RATE = env("JOIN_SIGNUP_CODE_RATE", default="50/h")

# Shared computers: a session ends when the browser closes, and after SESSION_IDLE_MINUTES
# without a request (0: never) (accounts/middleware.py).
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=60)

# E-mail, for teachers' password resets: e.g. smtp+tls://user:password@smtp.example.org:587.
# Without it nothing is sent, and the reset page says to ask the school's administrator.
EMAIL_URL = env("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
PASSWORD_RESET_BY_EMAIL = bool(EMAIL_URL)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Source Lab <noreply@localhost>")

# No inline script or style anywhere, and nothing from another host: every asset is ours.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANGUAGE_CODE", default="en")
# The interface languages (docs/translation.md). A signed-in user's choice is kept on their
# account (accounts.middleware.UserLanguageMiddleware); otherwise the language cookie set by
# the switcher, then the browser's Accept-Language (django.middleware.locale.LocaleMiddleware).
LANGUAGES = [
    ("en", _("English")),
    ("az", _("Azerbaijani")),
    ("ru", _("Russian")),
    ("hy", _("Armenian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SEEDS_DIR = BASE_DIR / "seeds"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
