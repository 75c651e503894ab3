"""What a model instance was loaded with, to compare a hand-written SQL read with the ORM's."""


def loaded_values(instance) -> dict:
    """Every column the instance has loaded (the deferred ones are not read)."""
    deferred = instance.get_deferred_fields()
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname not in deferred
    }
