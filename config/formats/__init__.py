"""Date and number formats for the languages Django has none for (Somali, Tigrinya).

Django looks here first (settings.FORMAT_MODULE_PATH), then in its own django/conf/locale
(which has sv, en, ar, fa and tr).
"""
