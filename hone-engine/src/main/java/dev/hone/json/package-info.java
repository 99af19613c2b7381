/**
 * JSON as Hone reads and writes it: the one configured mapper and the atomic file write every
 * saved document goes through. It sits in the lowest module so every layer binds JSON the same way.
 */
package dev.hone.json;
