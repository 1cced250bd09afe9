package io.swarmtv.web;

/**
 * An API answer before it goes on the wire.
 *
 * @param status HTTP status
 * @param contentType the body's media type
 * @param body the body (empty for 204)
 * @param allow the methods the path takes, for a 405's Allow header; null otherwise
 */
record ApiAnswer(int status, String contentType, byte[] body, String allow) {}
