"""The composition root: settings, URLs and the ASGI entry point wire api/ to forum/.

It is also a small Django app (config.apps.ConfigConfig) so that the commands that know
the whole house (``seed_demo``, ``serve``) live at the top, not in the domain
(docs/decisions/0008-composition-root-config.md).
"""
