package org.stemvault.application.signin;

/** What an identity provider vouches for after a login: the raw claims, not yet admitted. */
public record Identity(String email, boolean emailVerified, String name, String pictureUrl) {}
