/**
 * Client of the ESIA token service and the EPGU API for legal entities; turns EPGU answers into typed outcomes.
 */
package org.epgugateway.epgu;
