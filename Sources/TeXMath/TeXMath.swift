// TeXMath module.
