/** Feeds in (file, UDP, HTTP, stdin) and the chunker that cuts them at keyframes and part boundaries into chunks. */
package io.swarmtv.ingest;
