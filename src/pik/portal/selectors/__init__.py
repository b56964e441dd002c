"""Every read of the portal: public content, the contact search, the open figures."""
