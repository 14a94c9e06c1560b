"""The write side: every public function takes the actor, checks its role and audits."""
