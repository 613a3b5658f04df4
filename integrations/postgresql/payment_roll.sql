-- The Juntos payment roll: every household with a transfer, and how much, with the date and the
-- rules that decided it.
SELECT household_id, juntos_transfer_amount, as_of, rules
FROM decisions
WHERE juntos_transfer_amount > 0
ORDER BY household_id;
