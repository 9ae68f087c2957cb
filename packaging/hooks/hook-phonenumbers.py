# Replaces the contributed hook, which collects every phonenumbers module (48 MB with the
# geocoding and carrier data). Atende parses, validates and formats numbers only: it needs
# the metadata of each region (loaded lazily by name) and the short-number data.
from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("phonenumbers.data") + collect_submodules(
    "phonenumbers.shortdata"
)
