"""The portal's pages: public ones (cached for anonymous visitors) and the editors' pages."""
