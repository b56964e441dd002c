"""Every read of the portal: published content for everybody, drafts and versions for editors."""
