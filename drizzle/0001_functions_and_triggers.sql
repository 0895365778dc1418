-- The schema document's functions and triggers, verbatim.
CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER update_users_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW
    EXECUTE FUNCTION update_updated_at_column();
--> statement-breakpoint
CREATE TRIGGER update_sessions_updated_at
    BEFORE UPDATE ON sessions
    FOR EACH ROW
    EXECUTE FUNCTION update_updated_at_column();
--> statement-breakpoint
CREATE TRIGGER update_assets_updated_at
    BEFORE UPDATE ON assets
    FOR EACH ROW
    EXECUTE FUNCTION update_updated_at_column();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION calculate_session_total_cost()
RETURNS TRIGGER AS $$
BEGIN
    UPDATE sessions
    SET total_cost = (
        SELECT COALESCE(SUM(amount), 0)
        FROM generation_costs
        WHERE session_id = NEW.session_id
    )
    WHERE id = NEW.session_id;

    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER update_session_cost
    AFTER INSERT OR UPDATE ON generation_costs
    FOR EACH ROW
    EXECUTE FUNCTION calculate_session_total_cost();
--> statement-breakpoint
-- Addition: the document's trigger only sees NEW, so a deleted cost row, or one moved to
-- another session, would leave the old session's total_cost stale. This one recomputes
-- the total of the session the row left.
CREATE OR REPLACE FUNCTION recalculate_session_total_cost_on_remove()
RETURNS TRIGGER AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.session_id = OLD.session_id THEN
        RETURN NULL;
    END IF;
    UPDATE sessions
    SET total_cost = (
        SELECT COALESCE(SUM(amount), 0)
        FROM generation_costs
        WHERE session_id = OLD.session_id
    )
    WHERE id = OLD.session_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER update_session_cost_on_remove
    AFTER DELETE OR UPDATE OF session_id ON generation_costs
    FOR EACH ROW
    EXECUTE FUNCTION recalculate_session_total_cost_on_remove();
