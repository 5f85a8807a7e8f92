package auth

import "time"

// Sign-in lockout: after MaxFailedLogins consecutive wrong passwords the
// account is locked for LockoutDuration (Decree 85/2016/NĐ-CP and TCVN
// 11930:2017 ask information systems of level 2 and above to limit failed
// sign-ins and lock the account for a period).
const (
	MaxFailedLogins = 5
	LockoutDuration = 15 * time.Minute
)

// AfterFailure returns the new failure count and, when the limit is reached,
// the time until which the account stays locked.
func AfterFailure(failed int, now time.Time) (int, *time.Time) {
	failed++
	if failed >= MaxFailedLogins {
		until := now.Add(LockoutDuration)
		return 0, &until
	}
	return failed, nil
}

// Locked reports whether an account locked until lockedUntil is still locked.
func Locked(lockedUntil *time.Time, now time.Time) bool {
	return lockedUntil != nil && now.Before(*lockedUntil)
}
