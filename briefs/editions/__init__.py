"""A brief's editions for the world outside the site: the PDF (``pdf``), the
Crossref deposit (``crossref``), DataCite metadata of a dataset release
(``datacite``) and the OAI-PMH answers harvesters read (``oai``)."""
