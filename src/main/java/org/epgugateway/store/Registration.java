package org.epgugateway.store;

/**
 * The result of registering a drop: the drop's row and whether this call created it.
 *
 * @param drop the row; never null
 * @param created false when the same inbox file was already in custody (seen again after a crash, or taken by
 *     another instance at the same moment)
 */
public record Registration(DropRecord drop, boolean created) {
}
