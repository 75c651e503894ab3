"""pylti1p3's view of our registrations, from django-lti's models, made strict: an unknown or
inactive deployment is refused at validation (django-lti would create an inactive one, a row
written by an unverified request), and requests to the LMS have a timeout."""

import requests
from lti_tool.models import LtiDeployment
from lti_tool.utils import DjangoToolConfig, _prepare_deployment
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoMessageLaunch
from pylti1p3.service_connector import ServiceConnector

TIMEOUT_SECONDS = 10


class StrictToolConfig(DjangoToolConfig):
    def find_deployment(self, iss, deployment_id):
        return self._deployment(
            registration__issuer=iss, deployment_id=deployment_id, registration=self.registration
        )

    def find_deployment_by_params(self, iss, deployment_id, client_id, *args, **kwargs):
        return self._deployment(
            registration__issuer=iss,
            registration__client_id=client_id,
            deployment_id=deployment_id,
            registration=self.registration,
        )

    def _deployment(self, **lookups):
        self.deployment = (
            LtiDeployment.objects.active().filter(registration__is_active=True, **lookups).first()
        )
        return None if self.deployment is None else _prepare_deployment(self.deployment)


def message_launch(request, launch_id: str | None = None) -> DjangoMessageLaunch:
    """A launch read from the request (not yet validated), or restored from the cache."""
    storage = DjangoCacheDataStorage()
    if launch_id is not None:
        return DjangoMessageLaunch.from_cache(
            launch_id, request, StrictToolConfig(), launch_data_storage=storage
        )
    return DjangoMessageLaunch(request, StrictToolConfig(), launch_data_storage=storage)


class _TimeoutSession(requests.Session):
    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT_SECONDS)
        return super().request(*args, **kwargs)


def connector(registration) -> ServiceConnector:
    """A connector to the LMS's services (AGS, NRPS) for a django-lti registration."""
    return ServiceConnector(registration.to_registration(), requests_session=_TimeoutSession())


def oidc_login(request):
    """The OIDC third-party login: check the platform is registered, store state (a cookie) and
    nonce, and send the browser to the platform's authorisation URL. No cookie-check page:
    Source Lab opens in a new window (docs/lti.md), where its cookies are first-party."""
    from lti_tool.utils import DjangoToolConfig
    from pylti1p3.contrib.django import DjangoOIDCLogin

    login = DjangoOIDCLogin(
        request, DjangoToolConfig(), launch_data_storage=DjangoCacheDataStorage()
    )
    return login.disable_check_cookies()
