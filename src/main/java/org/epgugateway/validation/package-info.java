/**
 * Checks a drop must pass before anything is sent: safe XML, root and namespace, schema, organisation.
 */
package org.epgugateway.validation;
