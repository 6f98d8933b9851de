"""The public reading site: pages, feed, sitemap, citations, search and the page cache."""
