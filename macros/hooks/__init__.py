"""MkDocs hooks (the `hooks:` list in mkdocs.yml): their one home. They live here, not under the theme's
custom_dir (overrides/), because MkDocs copies every non-template file of custom_dir into the site."""
