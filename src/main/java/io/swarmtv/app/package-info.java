/** The command line and the wiring of the roles (broadcast, gateway, demo, keygen, probe). */
package io.swarmtv.app;
