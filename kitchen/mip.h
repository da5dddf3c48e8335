/*
 * What the kitchen's two GLPK models share (mip.c): their batch columns
 * and the rows on units and cooks, a starting answer from a draft, the
 * solve within a budget of nodes and pivots, and drafts from an answer.
 * Only flow.c, window.c and mip.c include this, and with it glpk.h.
 *
 * The batch columns, for each dish line i and each row e of its kind (a
 * pair p = (i, e)) and each start slot k of the pair's range:
 *   starts[p][k]     batches of i starting on e in slot k (whole, at most
 *                    e's units);
 *   continues[p][k]  of those, how many follow a batch of i that started
 *                    on e in slot k - cook(e) on the same unit, so that no
 *                    cleaning comes between (where cleaning can be saved).
 * Rows:
 *   units(e, j):  sum over pairs on e of starts[p][k] for k in
 *                 (j - busy(e), j], less continues[p][k] for k in
 *                 (j - clean(e), j] (the cleaning each saves), <= units(e);
 *   cooks(j):     the same, times each row's cooks per batch, summed over
 *                 the rows, <= the kitchen's cooks (when it sets a limit);
 *   continues[p][k] <= starts[p][k] and <= starts[p][k - cook(e)].
 * With these rows the units of a row can be given to batches one by one
 * (a chain of continuations and its cleaning is an interval, and
 * intervals never more at once than units fit on the units).
 */
#ifndef MEALRUN_KITCHEN_MIP_H
#define MEALRUN_KITCHEN_MIP_H

#include <glpk.h>

#include "kitchen/schedule_internal.h"

/* Objective weights, in order: a minute late outweighs a hundred
 * batches, a batch a thousand minutes of freshness. */
#define W_LATE 100000.0
#define W_BATCH 1000.0
#define W_FRESH 1.0

struct bcols {
	const struct kctx *c;
	int npairs;
	int *line, *equip;    /* per pair */
	int *pair0;           /* per dish line: first pair; the line's pairs
			       * are pair0[i] .. pair0[i + 1] */
	int *kmin, *kmax;     /* per pair: start slots; kmax < 0: none */
	int *starts0;         /* per pair: column of starts[p][kmin] */
	int *continues0;      /* per pair: column of continues[p][kmin +
			       * cook], or 0 when it has none */
	int ncols;
};

/* The pairs of c's dish lines and rows, without columns yet (kmax -1);
 * the model sets kmin and kmax. Release with bcols_release. */
void bcols_init(struct bcols *bc, const struct kctx *c, int only_kind);
void bcols_release(struct bcols *bc);
/* The columns bcols_add would add. */
long bcols_count(const struct bcols *bc);
/* Adds the batch columns (each W_BATCH) and their rows to lp; cooks is
 * the most cooks busy at once, 0 for no limit. */
void bcols_add(struct bcols *bc, glp_prob *lp, int cooks);
/*
 * The grain of dish line i's batches: the greatest common divisor of the
 * batch sizes of its rows. Portions rows are written in grains, rounded
 * up, which is exact for whole batches and, with one row, counts batches.
 */
int bcols_grain(const struct bcols *bc, int i);

/* The pair of dish line i on row e, or -1. */
int bcols_pair(const struct bcols *bc, int i, int e);
/* Puts draft's batches into x (one value per column, from 1) as starts
 * and continues; false when some batch lies outside the columns. */
bool bcols_start(const struct bcols *bc, const struct draft *dr, double *x);
/* A draft of empty batches from the answer x (whole): starts[p][k] of
 * them per pair and slot, the first continues[p][k] marked as
 * continuations. */
void bcols_draft(const struct bcols *bc, const double *x, struct draft *dr);

/*
 * Shares each dish line's portions out over dr's batches (made by
 * bcols_draft, all empty): from the latest end back, each batch takes the
 * trips whose start slots on its row (a to b, by pair and trip; b < a:
 * none) hold its slot, the one whose food limit opens latest first, which
 * is exact when each trip's slots are an interval in time. False, with
 * dr released, if some portions find no batch.
 */
bool share_out(const struct bcols *bc, const int *a, const int *b,
	       struct draft *dr);

/* Whether x, a value per column, keeps every row of lp. */
bool mip_keeps_rows(glp_prob *lp, const double *x);

/* Starts a row: GLP_UP (<= bound), GLP_LO (>= bound) or GLP_FX. */
int mip_add_row(glp_prob *lp, int type, double bound);

/*
 * Solves lp's relaxation, then the MIP, within b, given start (a value
 * per column, may be NULL) as the first answer. On an answer, sets *gap
 * from the best bound seen and *proved, adds the nodes to *nodes, and
 * returns the answer's columns, whole (the caller frees it); NULL
 * otherwise. The cap, when it stops GLPK, is recorded as cutting the
 * kitchen. With cuts, GLPK's MIR and Gomory cuts at every node: they
 * close the window model's gap at the root, but cost the flow model more
 * time per node than it saves.
 */
double *mip_solve(glp_prob *lp, const double *start,
		  const struct kitchen_budget *b, bool cuts, double *gap,
		  bool *proved, long *nodes);

/* mip_solve, and the batches of its answer as bc's draft into dr, its gap
 * and whether it is proved into info (whose nodes it adds to): the answer
 * (the caller frees it), or NULL with dr and info's answer untouched. */
double *mip_draft(const struct bcols *bc, glp_prob *lp, const double *start,
		  const struct kitchen_budget *b, bool cuts,
		  struct kitchen_schedule *info, struct draft *dr);

/* Solves lp as an LP within b's pivots and cap (naming phase when the
 * cap stops it): glp_simplex's answer. */
int mip_simplex(glp_prob *lp, const struct kitchen_budget *b,
		const char *phase);

/* mip_simplex, true when the LP's optimum was found. */
bool mip_lp(glp_prob *lp, const struct kitchen_budget *b);

#endif
