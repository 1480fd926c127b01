from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"

    def ready(self) -> None:
        from api.converters import converters_register

        # Before any URLconf is imported: api/*/urls.py and api/routing.py use them.
        converters_register()
