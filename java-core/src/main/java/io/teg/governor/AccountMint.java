package io.teg.governor;

/**
 * The tokens minted to one account in one epoch.
 *
 * @param account the account
 * @param shareWeight its share weight of the site's energy budget (&ge; 0)
 * @param microTokens micro-tokens minted (&ge; 0); 1 token = 10⁶ micro-tokens
 */
public record AccountMint(String account, long shareWeight, long microTokens) {

    public AccountMint {
        if (account == null || account.isBlank()) throw new IllegalArgumentException("account must not be blank");
        if (shareWeight < 0) throw new IllegalArgumentException(account + ": shareWeight must be >= 0, got " + shareWeight);
        if (microTokens < 0) throw new IllegalArgumentException(account + ": microTokens must be >= 0, got " + microTokens);
    }
}
