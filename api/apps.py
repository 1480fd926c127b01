from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"

    def ready(self) -> None:
        from api.converters import converters_register
        from api.push.delivery import push_send
        from forum.participation.services import push_senders

        # Before any URLconf is imported: api/*/urls.py and api/routing.py use them.
        converters_register()
        # 'You said, we did' notices: the domain says who, this edge sends (Web Push).
        if push_send not in push_senders:
            push_senders.append(push_send)
