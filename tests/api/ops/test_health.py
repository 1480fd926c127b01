import pytest
from django.conf import settings


@pytest.mark.django_db
def test_healthz_reports_database_and_channel_layer(api_client) -> None:
    response = api_client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["channel_layer"] == "ok"
    expected_backend = str(settings.CHANNEL_LAYERS["default"]["BACKEND"]).rsplit(".", 1)[1]
    assert body["channel_layer_backend"] == expected_backend


@pytest.mark.django_db
def test_healthz_is_degraded_when_the_channel_layer_fails(api_client, monkeypatch) -> None:
    from api.ops import views

    async def broken(layer):
        raise ConnectionError("layer down")

    monkeypatch.setattr(views, "_layer_round_trip", broken)

    response = api_client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["channel_layer"] == "error: ConnectionError"
    assert response.json()["database"] == "ok"
