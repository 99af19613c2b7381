/**
 * Folders Hone writes for others to read: written whole under a temporary name, then renamed, so a
 * reader never sees half of one. In the lowest module so every layer writes them the same way.
 */
package dev.hone.files;
