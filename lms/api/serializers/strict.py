"""Request bodies taken as the schema types them: no coercion, and no field the schema does not name.

DRF accepts `"3"` for an integer, `12345` for a string and `"yes"` for a boolean, and drops fields
it does not know. A portal that sends those has a bug it should hear about, so a body serializer
with `StrictFields` answers 400 naming each field at fault, and stores nothing.
"""

from collections.abc import Mapping

from rest_framework import serializers

UNKNOWN_FIELD = "Unknown field; the operation takes only the fields its schema lists."

# (field class, JSON types it takes, how to say it); the first match wins, so subclasses come first.
JSON_TYPES = (
    (serializers.BooleanField, (bool,), "true or false"),
    (serializers.IntegerField, (int,), "an integer"),
    (serializers.DecimalField, (int, float, str), "a number"),
    (serializers.FloatField, (int, float), "a number"),
    (serializers.CharField, (str,), "a string"),
    (serializers.ChoiceField, (str,), "a string"),
    (serializers.DateField, (str,), "an ISO 8601 date string"),
    (serializers.DateTimeField, (str,), "an ISO 8601 date-time string"),
    (serializers.ListField, (list,), "an array"),
    (serializers.ListSerializer, (list,), "an array"),
    (serializers.DictField, (dict,), "an object"),
    (serializers.Serializer, (dict,), "an object"),
)


JSON_NAMES = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "a string",
    list: "an array",
    dict: "an object",
}


def type_error(field, value):
    """None when `value` has the JSON type `field` takes; else the error detail for it."""
    if value is None:
        return None  # allow_null is the field's own business
    for kind, types, said in JSON_TYPES:
        if isinstance(field, kind):
            if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
                return [f"Must be {said}, not {JSON_NAMES.get(type(value), 'that')}."]
            return _item_errors(field, value)
    return None


def _item_errors(field, value):
    child = getattr(field, "child", None)
    if isinstance(field, serializers.ListField) and child is not None:
        errors = {index: error for index, item in enumerate(value) if (error := type_error(child, item))}
        return errors or None
    if isinstance(field, serializers.DictField) and child is not None:
        errors = {key: error for key, item in value.items() if (error := type_error(child, item))}
        return errors or None
    return None


class StrictFields:
    """Mix into a body serializer (before Serializer): wrong JSON types and unknown fields are errors."""

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            return super().to_internal_value(data)
        errors = {name: [UNKNOWN_FIELD] for name in data if name not in self.fields}
        for name, field in self.fields.items():
            if name in data and not field.read_only and (error := type_error(field, data[name])):
                errors[name] = error
        try:
            value = super().to_internal_value({name: data[name] for name in data if name not in errors})
        except serializers.ValidationError as invalid:
            raise serializers.ValidationError({**invalid.detail, **errors}) from None
        if errors:
            raise serializers.ValidationError(errors)
        return value
