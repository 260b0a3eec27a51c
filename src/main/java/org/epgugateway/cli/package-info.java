/**
 * Command line entry point: runs the gateway, the demo, the emulator and the key tools.
 */
package org.epgugateway.cli;
