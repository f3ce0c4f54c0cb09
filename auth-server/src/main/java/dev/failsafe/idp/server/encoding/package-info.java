/**
 * Compact encodings of Spring Security values for the replicated stores (a leaf package: it
 * imports no feature): claims with a type suffix where JSON has no type ({@link CompactClaims}) and
 * the password sign-in's {@code Authentication} ({@link CompactAuthentication}). Each says whether
 * a value fits; what does not fit is stored as before, in Spring Security's typed JSON or Java
 * serialization, so nothing is ever lost to a shorter form.
 */
package dev.failsafe.idp.server.encoding;
