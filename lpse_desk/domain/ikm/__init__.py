"""The IKM survey (PermenPAN-RB 14/2017, DOMAIN.md §6).

- ``index``: the nine unsur, the scores and the index with its quality grade.
- ``kiosk``: the vendor's questionnaire flow at the kiosk, and its lockout.
- ``paper``: paper questionnaires read from a CSV.
- ``profile``: the respondent's profile (age, sex, education, occupation).
- ``report``: the report's figures (per unsur, profile, suggestions, follow-ups).
- ``text``: the questions and answers as the vendor reads them.
"""
