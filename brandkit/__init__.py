"""brandkit: one YAML profile → personal site, business card and intro scripts."""

__version__ = "0.1.0"
