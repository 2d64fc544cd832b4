"""Helpers shared by the tests and ``make bench``: where things are, how the site is built
and what a build did, how a built page reads, how a browser opens it.

* ``paths``: the repository, the docs and the built site; whether this is CI;
* ``build``: throwaway copies of the repository, their builds, and what each build's log says;
* ``pages``: one HTML reader (the standard library's ``html.parser``) for the built pages;
* ``browser``: serving a built site locally and opening it in Chromium, offline;
* ``checks``: numerical assertions (gradients against finite differences);
* ``api``: the package's public names, module by module.
"""
