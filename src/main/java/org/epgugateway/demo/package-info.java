/**
 * The self-contained demo: a throwaway GOST test PKI, the embedded emulator and sample drops.
 */
package org.epgugateway.demo;
