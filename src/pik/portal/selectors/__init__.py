"""Every read of the portal: published content for everybody, drafts and versions for editors,
the contact search, the open figures (one module per seam)."""
