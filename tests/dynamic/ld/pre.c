/* Preloaded (LD_PRELOAD): interposes who() of libtlsie.so. */
int who(void) { return 2; }
