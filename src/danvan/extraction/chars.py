"""Character classes of Vietnamese letters for regular expressions.

``[A-ZĐÀ-Ỹ]`` is not an upper-case class: the range À-Ỹ holds lower-case
letters too. These list the letters one by one.
"""

UPPER = (
    "A-ZÀÁÂÃÈÉÊÌÍÎÒÓÔÕÙÚÛÝĂĐĔĨĬŎŨŬŶƠƯṌṸẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
)
LOWER = (
    "a-zàáâãèéêìíîòóôõùúûýăđĕĩĭŏũŭŷơưṍṹạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
)
