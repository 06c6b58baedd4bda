"""checker: a cross-source claim consistency checker for Chinese news.

The import package and the command are ``checker``; the distribution (what pip installs) is
DISTRIBUTION, since the name checker is taken on the package index by an unrelated project.
"""

DISTRIBUTION = "zh-claim-checker"
